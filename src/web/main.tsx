import './theme/schakel-tokens.css';
import './theme/components.css';
import './theme/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { initI18n } from './i18n/index.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

await initI18n();
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
