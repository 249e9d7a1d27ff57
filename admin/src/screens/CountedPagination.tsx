/**
 * A list's pagination that says when its total is only a lower bound: a search's count stops at the cap
 * (config.ts `searchCountCap`, the list's `countUpTo`), and the list then reads "第 1-25 条，共 1,000+ 条" /
 * "1-25 of 1,000+". The pages it offers all exist (at least that many rows match); a narrower search counts exactly.
 */
import { useCallback, type ComponentType } from 'react';
import { Pagination, useListContext, useLocaleState, useTranslate, type PaginationProps } from 'react-admin';

type RowsLabel = (rows: { from: number; to: number; count: number }) => string;
/** react-admin's Pagination hands the props it does not declare to MUI's TablePagination, whose row label this sets. */
const LabelledPagination = Pagination as ComponentType<PaginationProps & { labelDisplayedRows?: RowsLabel }>;

export const CountedPagination = (props: PaginationProps) => {
  const { meta } = useListContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lowerBound = Boolean(meta?.totalIsLowerBound);
  const label = useCallback<RowsLabel>(
    ({ from, to, count }) => translate('crc.list.rangeAtLeast', { offsetBegin: from, offsetEnd: to, total: count.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en') }),
    [translate, locale],
  );
  return <LabelledPagination {...props} {...(lowerBound ? { labelDisplayedRows: label } : {})} />;
};
