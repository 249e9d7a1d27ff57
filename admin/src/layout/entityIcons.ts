/**
 * The menu icons the models name (`icon` in their declarations), each loaded on demand as its own small chunk.
 * Listed by name rather than globbed from the icon package: a glob's table of 2,000 loaders weighed 230 kB in
 * the console's first load. tests/console/entity-icons.test.ts fails when a model names an icon missing here.
 */
import type { ComponentType } from 'react';
import type { SvgIconProps } from '@mui/material';

export type IconModule = { default: ComponentType<SvgIconProps> };

export const entityIconLoaders: Record<string, () => Promise<IconModule>> = {
  AlarmOn: () => import('@mui/icons-material/AlarmOn'),
  Assessment: () => import('@mui/icons-material/Assessment'),
  AssignmentInd: () => import('@mui/icons-material/AssignmentInd'),
  AssignmentTurnedIn: () => import('@mui/icons-material/AssignmentTurnedIn'),
  AttachFile: () => import('@mui/icons-material/AttachFile'),
  Badge: () => import('@mui/icons-material/Badge'),
  Business: () => import('@mui/icons-material/Business'),
  Description: () => import('@mui/icons-material/Description'),
  EmojiPeople: () => import('@mui/icons-material/EmojiPeople'),
  Event: () => import('@mui/icons-material/Event'),
  Gavel: () => import('@mui/icons-material/Gavel'),
  Groups: () => import('@mui/icons-material/Groups'),
  HistoryEdu: () => import('@mui/icons-material/HistoryEdu'),
  Home: () => import('@mui/icons-material/Home'),
  HowToReg: () => import('@mui/icons-material/HowToReg'),
  HowToVote: () => import('@mui/icons-material/HowToVote'),
  Insights: () => import('@mui/icons-material/Insights'),
  Lightbulb: () => import('@mui/icons-material/Lightbulb'),
  ManageAccounts: () => import('@mui/icons-material/ManageAccounts'),
  ManageSearch: () => import('@mui/icons-material/ManageSearch'),
  Map: () => import('@mui/icons-material/Map'),
  Payments: () => import('@mui/icons-material/Payments'),
  Person: () => import('@mui/icons-material/Person'),
  PersonAdd: () => import('@mui/icons-material/PersonAdd'),
  Rule: () => import('@mui/icons-material/Rule'),
  School: () => import('@mui/icons-material/School'),
  Timeline: () => import('@mui/icons-material/Timeline'),
  VerifiedUser: () => import('@mui/icons-material/VerifiedUser'),
};
