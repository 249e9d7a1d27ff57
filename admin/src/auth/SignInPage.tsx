/**
 * The sign-in page, in the console's language, switchable before signing in (react-admin renders the page
 * anew on a switch). A refusal shows the server's own message: wrong password, too many attempts.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, TextField, Typography } from '@mui/material';
import { LocalesMenuButton, useLogin, useTranslate } from 'react-admin';
import { SignInRefused } from './session';

export const SignInPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setFailure(undefined);
    // On success the signed-in console replaces this page; only a failure comes back here.
    login({ username, password }).catch((error: Error) => {
      // The server's words, or (no answer, a server error) only that it did not work.
      setFailure(error instanceof SignInRefused ? error.message : translate('crc.signIn.failed'));
      setPending(false);
    });
  };
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100', position: 'relative' }}>
      <Box sx={{ position: 'absolute', top: 8, right: 16 }}>
        <LocalesMenuButton />
      </Box>
      <Card sx={{ width: 380, maxWidth: 'calc(100vw - 32px)' }} data-testid="sign-in">
        <CardContent sx={{ p: 4 }}>
          <Typography variant="h5" component="h1" align="center" sx={{ fontWeight: 500 }}>
            {translate('crc.productName')}
          </Typography>
          <Typography variant="body2" color="text.secondary" align="center" sx={{ mt: 1, mb: 2 }}>
            {translate('crc.signIn.prompt')}
          </Typography>
          <Box component="form" onSubmit={submit} noValidate>
            <TextField
              label={translate('ra.auth.username')}
              name="username"
              autoComplete="username"
              autoFocus
              fullWidth
              margin="normal"
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
            <TextField
              label={translate('ra.auth.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              fullWidth
              margin="normal"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            {failure && (
              <Alert severity="error" sx={{ mt: 1 }} data-testid="sign-in-error">
                {failure}
              </Alert>
            )}
            <Button type="submit" variant="contained" size="large" fullWidth disabled={pending} sx={{ mt: 3 }}>
              {pending ? <CircularProgress size={26} color="inherit" /> : translate('ra.auth.sign_in')}
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
};
