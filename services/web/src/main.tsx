import { render } from 'preact';
import { App } from './App';
import { interceptLinks } from './lib/router';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  interceptLinks(root);
  render(<App />, root);
}
