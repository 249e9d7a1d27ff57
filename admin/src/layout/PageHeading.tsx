/**
 * A console page's heading: the browser and app-bar title, the page's own title, and the sentence under it that
 * says what the page is for — read from `crc.<page>.title` and `crc.<page>.intro`.
 */
import { Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';

export function PageHeading({ page }: { page: string }) {
  const translate = useTranslate();
  const title = translate(`crc.${page}.title`);
  return (
    <>
      <Title title={title} />
      <Typography variant="h5" component="h1">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1, mb: 2 }}>
        {translate(`crc.${page}.intro`)}
      </Typography>
    </>
  );
}
