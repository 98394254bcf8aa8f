// Base styles first: feature styles, imported by their components, come after and may refine them.
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/feedback.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ServicesProvider } from './lib/services';
import { openApi, toApiError } from './lib/api';
import { followFleetFocus } from './lib/fleet-focus';
import { HostStore } from './lib/host-store';
import { browserPreferences } from './lib/preferences';
import { applyTheme, rememberedTheme } from './lib/theme';

// The theme chosen last time, before anything renders; the settings in main confirm it once read.
applyTheme(rememberedTheme(browserPreferences()));

async function boot(root: HTMLElement): Promise<void> {
  const reactRoot = createRoot(root);
  try {
    const api = await openApi(window.location.search);
    const preferences = browserPreferences();
    const store = new HostStore(api, preferences);
    reactRoot.render(
      <StrictMode>
        <ServicesProvider services={{ api, store, preferences }}>
          <App />
        </ServicesProvider>
      </StrictMode>,
    );
    // Main holds live only the hosts in view beyond Settings → Fleet's limit: name them from the start.
    followFleetFocus(store, api);
    await store.start();
  } catch (error) {
    const { code, message } = toApiError(error);
    reactRoot.render(
      <div className="fatal" role="alert">
        <h1>Berth cannot reach its main process</h1>
        <p>
          <code>{code}</code> {message}
        </p>
      </div>,
    );
  }
}

const root = document.getElementById('root');
if (root) void boot(root);
