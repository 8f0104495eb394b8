import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from './api/client';
import { session } from './api/session';
import { App } from './app/App';
import { meQuery, vendorQuery } from './auth/useMe';
import './styles.css';

// A returning user's first two answers, asked for at once rather than one after the other.
if (session.get()) {
  void queryClient.prefetchQuery(meQuery());
  void queryClient.prefetchQuery(vendorQuery());
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
