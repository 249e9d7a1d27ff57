/** "代价 1,234 / 上限 100,000" for what the editor holds: red, with the reason, when the server would refuse it. */
import { Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import type { CostEstimate } from './useQueryCost';

type Shown = { text: string; color: string; tooltip: string; over?: boolean };

function useShown(estimate: CostEstimate): Shown | null {
  const translate = useTranslate();
  const language = useLanguage();
  const number = new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN');
  switch (estimate.state) {
    case 'none':
      return null;
    case 'pending':
      return { text: translate('crc.workbench.cost.pending'), color: 'text.disabled', tooltip: translate('crc.workbench.cost.hint') };
    case 'invalidVariables':
      return { text: translate('crc.workbench.variablesInvalid'), color: 'warning.main', tooltip: translate('crc.workbench.cost.hint') };
    case 'failed': {
      const text = translate('crc.workbench.cost.failed', { message: estimate.message });
      return { text, color: 'warning.main', tooltip: text };
    }
    case 'known': {
      const over = estimate.cost > estimate.limit;
      const text = translate('crc.workbench.cost.label', { cost: number.format(estimate.cost), limit: number.format(estimate.limit) });
      return { text, over, color: over ? 'error.main' : 'text.secondary', tooltip: translate(over ? 'crc.workbench.cost.over' : 'crc.workbench.cost.hint') };
    }
  }
}

export const CostIndicator = ({ estimate }: { estimate: CostEstimate }) => {
  const shown = useShown(estimate);
  if (!shown) return null;
  return (
    <Tooltip title={shown.tooltip}>
      <Typography
        variant="body2"
        noWrap
        sx={{ color: shown.color, fontWeight: shown.over ? 600 : undefined, fontVariantNumeric: 'tabular-nums', minWidth: 0 }}
        data-testid="query-cost"
        data-state={shown.over ? 'over' : estimate.state}
      >
        {shown.text}
      </Typography>
    </Tooltip>
  );
};
