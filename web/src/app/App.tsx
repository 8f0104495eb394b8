import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from '../api/client';
import { LoadingBlock } from '../ui/states';
import { PublicLayout } from './PublicLayout';
import { RequireRole, SignedIn } from './SignedIn';
import { NotFound } from './NotFound';

// Each screen is its own chunk: the first load carries the shell and the screen it opens.
const SignIn = lazy(() => import('../auth/SignIn'));
const Register = lazy(() => import('../auth/Register'));
const ForgotPassword = lazy(() => import('../auth/ForgotPassword'));
const ResetPassword = lazy(() => import('../auth/ResetPassword'));
const AcceptInvitation = lazy(() => import('../auth/AcceptInvitation'));
const Dashboard = lazy(() => import('../dashboard/Dashboard'));
const Inventory = lazy(() => import('../inventory/InventoryPage'));
const NewItem = lazy(() => import('../inventory/NewItemPage'));
const ItemPage = lazy(() => import('../inventory/ItemPage'));
const EditItem = lazy(() => import('../inventory/EditItemPage'));
const ImportItems = lazy(() => import('../inventory/ImportPage'));
const Team = lazy(() => import('../team/TeamPage'));
const Stores = lazy(() => import('../stores/StoresPage'));
const Settings = lazy(() => import('../settings/SettingsPage'));
const Profile = lazy(() => import('../profile/ProfilePage'));
const Pos = lazy(() => import('../sales/PosPage'));
const Sales = lazy(() => import('../sales/SalesPage'));
const Sale = lazy(() => import('../sales/SalePage'));
const Reports = lazy(() => import('../reports/ReportsPage'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<LoadingBlock height="60vh" />}>
          <Routes>
            <Route element={<PublicLayout />}>
              <Route path="sign-in" element={<SignIn />} />
              <Route path="register" element={<Register />} />
              <Route path="forgot-password" element={<ForgotPassword />} />
              <Route path="reset-password" element={<ResetPassword />} />
              <Route path="invitations/accept" element={<AcceptInvitation />} />
            </Route>
            <Route element={<SignedIn />}>
              <Route index element={<Dashboard />} />
              <Route path="inventory" element={<Inventory />} />
              <Route path="inventory/new" element={<NewItem />} />
              <Route path="inventory/:id" element={<ItemPage />} />
              <Route path="inventory/:id/edit" element={<EditItem />} />
              <Route path="stores" element={<Stores />} />
              <Route path="profile" element={<Profile />} />
              <Route path="sales" element={<Sales />} />
              <Route path="sales/:id" element={<Sale />} />
              <Route element={<RequireRole minimum="staff" />}>
                <Route path="pos" element={<Pos />} />
                <Route path="inventory/import" element={<ImportItems />} />
              </Route>
              <Route path="reports" element={<Reports />} />
              <Route element={<RequireRole minimum="admin" />}>
                <Route path="team" element={<Team />} />
                <Route path="settings" element={<Settings />} />
              </Route>
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
