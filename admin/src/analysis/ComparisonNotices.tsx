/**
 * What a comparison's answer says about its own figures, wherever they are shown (the analysis page, a leader's
 * home): metrics answered as no data while their changed definitions are computed again (`recomputing`), and
 * figures catching up in the background with a bulk change (`catchingUp`) — never stale figures shown unsaid.
 */
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { labelOf } from './format';
import type { Comparison, MetricDefinition } from './types';

export const ComparisonNotices = ({ comparison, catalog }: { comparison: Comparison; catalog: readonly MetricDefinition[] }) => {
  const translate = useTranslate();
  const language = useLanguage();
  return (
    <>
      {comparison.recomputing.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="comparison-recomputing">
          {translate('crc.analysis.recomputing', {
            metrics: comparison.recomputing
              .map((metricKey) => {
                const metric = catalog.find((candidate) => candidate.key === metricKey);
                return metric ? labelOf(metric, language) : metricKey;
              })
              .join(language === 'en' ? ', ' : '、'),
          })}
        </Alert>
      )}
      {comparison.catchingUp && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="comparison-catching-up">
          {translate('crc.analysis.catchingUp')}
        </Alert>
      )}
    </>
  );
};
