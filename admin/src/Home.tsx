/** The home page: the product name and whether the server and its database are ready. */
import { useEffect, useState } from 'react';
import { Card, CardContent, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';

type Readiness = { status: string; reason?: string };

export const Home = () => {
  const translate = useTranslate();
  const [readiness, setReadiness] = useState<Readiness>();
  useEffect(() => {
    fetch('/readyz')
      .then((response) => response.json() as Promise<Readiness>)
      .then(setReadiness, () => setReadiness({ status: 'unavailable' }));
  }, []);
  return (
    <Card>
      <Title title={translate('crc.productName')} />
      <CardContent>
        <Typography variant="h5" component="h1">
          {translate('crc.productName')}
        </Typography>
        {readiness && (
          <Typography data-testid="readiness" color={readiness.status === 'ready' ? 'success.main' : 'error'}>
            {translate(readiness.status === 'ready' ? 'crc.status.ready' : 'crc.status.unavailable')}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};
