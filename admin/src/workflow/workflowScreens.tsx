/**
 * What the suggestion workflow adds to the generated screens: its panel on a case's show page (the diagram,
 * the next steps, the history), loaded only when such a page opens.
 */
import { lazy, Suspense, type ReactElement } from 'react';
import { LinearProgress } from '@mui/material';
import type { WorkflowTransition } from '../../../schema/shared/suggestion-workflow';
import type { EntityMeta } from '../metadata/types';

const WorkflowPanel = lazy(() => import('./WorkflowPanel'));

/** The entity whose records are the workflow's cases (its handlings' steps are fired on their handlings). */
const caseEntity: WorkflowTransition['on'] = 'Suggestion';

/** 办理流程 on a case's page; nothing on any other entity's. */
export function workflowPanel(entity: EntityMeta): ReactElement | undefined {
  if (entity.name !== caseEntity) return undefined;
  return (
    <Suspense fallback={<LinearProgress />}>
      <WorkflowPanel />
    </Suspense>
  );
}
