import { launch } from '@medgrade/kit/launch';

// The handlers load after telemetry has started (see launch).
launch('worker', () => (require('./handlers') as typeof import('./handlers')).service);
