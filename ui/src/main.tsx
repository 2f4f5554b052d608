import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startRunEvents } from './graphql/run-events';
import './styles.css';

// Listen for state changes from the first moment, before any view has loaded data.
startRunEvents();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
