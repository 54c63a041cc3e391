// `npm run synth`: regenerate k8s/manifests and charts/medgrade from the model.
import { REPO_ROOT, synthAll } from './synth';

synthAll(REPO_ROOT);
console.log('wrote k8s/manifests/{kind,eks} and charts/medgrade');
