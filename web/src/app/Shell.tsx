import { useState, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useCan } from '../auth/useMe';
import { Logo } from './Logo';
import { UserMenu } from './UserMenu';
import { VendorSwitcher } from './VendorSwitcher';

/** The signed-in frame: top bar (shop switcher, account), navigation, and the page. */
export function Shell({ children }: { children: ReactNode }) {
  const isAdmin = useCan('admin');
  const canSell = useCan('staff');
  const [menuOpen, setMenuOpen] = useState(false);
  const links = [
    { to: '/', label: 'Dashboard', end: true },
    ...(canSell ? [{ to: '/pos', label: 'Point of sale' }] : []),
    { to: '/sales', label: 'Sales' },
    { to: '/inventory', label: 'Inventory' },
    { to: '/stores', label: 'Stores' },
    { to: '/reports', label: 'Reports' },
    ...(isAdmin ? [{ to: '/team', label: 'Team' }, { to: '/settings', label: 'Settings' }] : []),
  ];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button topbar__menu"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">Menu</span>
        </button>
        <NavLink to="/" className="topbar__home" aria-label="Omni-Stock dashboard">
          <Logo />
        </NavLink>
        <div className="topbar__end">
          <VendorSwitcher />
          <UserMenu />
        </div>
      </header>
      <nav id="main-nav" className={`sidenav${menuOpen ? ' sidenav--open' : ''}`} aria-label="Main">
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end} onClick={() => setMenuOpen(false)}>
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
