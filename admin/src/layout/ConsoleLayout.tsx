/** The shell: react-admin's layout with the product name and the user menu in the app bar, the area-grouped menu, and what printing needs. */
import type { ReactNode } from 'react';
import { Typography } from '@mui/material';
import { AppBar, Layout, TitlePortal, useTranslate } from 'react-admin';
import { ConsoleMenu } from './ConsoleMenu';
import { ConsoleUserMenu } from './ConsoleUserMenu';
import { PrintHeader } from './PrintHeader';

const ProductName = () => {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="span" sx={{ mr: 3, whiteSpace: 'nowrap' }} data-testid="product-name">
      {translate('crc.productName')}
    </Typography>
  );
};

const ConsoleAppBar = () => (
  <AppBar userMenu={<ConsoleUserMenu />}>
    <ProductName />
    <TitlePortal variant="body1" />
  </AppBar>
);

export const ConsoleLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={ConsoleAppBar} menu={ConsoleMenu}>
    <PrintHeader />
    {children}
  </Layout>
);
