/** Every entity class of the domain model, in one list the ORM, the GraphQL schema and the metadata read. */
import { Attachment } from './entities/attachment.entity.js';
import { ActivityParticipant } from './entities/activity-participant.entity.js';
import { Activity } from './entities/activity.entity.js';
import { Appointment } from './entities/appointment.entity.js';
import { Dashboard } from './entities/dashboard.entity.js';
import { SavedQuery } from './entities/saved-query.entity.js';
import { DeputyGroup } from './entities/deputy-group.entity.js';
import { Deputy } from './entities/deputy.entity.js';
import { FundingAllocation } from './entities/funding-allocation.entity.js';
import { FundingStandard } from './entities/funding-standard.entity.js';
import { GroupMembership } from './entities/group-membership.entity.js';
import { LiaisonStation } from './entities/liaison-station.entity.js';
import { LivelihoodProject } from './entities/livelihood-project.entity.js';
import { Motion } from './entities/motion.entity.js';
import { Oath } from './entities/oath.entity.js';
import { Organisation } from './entities/organisation.entity.js';
import { PerformanceRecord } from './entities/performance-record.entity.js';
import { Person } from './entities/person.entity.js';
import { Region } from './entities/region.entity.js';
import { Setting } from './entities/setting.entity.js';
import { StationAssignment } from './entities/station-assignment.entity.js';
import { SuggestionHandling } from './entities/suggestion-handling.entity.js';
import { SuggestionSubmitter } from './entities/suggestion-submitter.entity.js';
import { SuggestionTransition } from './entities/suggestion-transition.entity.js';
import { DeadlineNotice } from './entities/deadline-notice.entity.js';
import { Suggestion } from './entities/suggestion.entity.js';
import { TrainingParticipant } from './entities/training-participant.entity.js';
import { Training } from './entities/training.entity.js';
import { User } from './entities/user.entity.js';

/** The records served through the generated CRUD API, in menu order (join entities after their parent). */
export const domainEntities = [
  // regions
  Region,
  // people
  Person,
  Deputy,
  PerformanceRecord,
  // groups
  DeputyGroup,
  GroupMembership,
  // stations
  LiaisonStation,
  StationAssignment,
  // funding
  FundingAllocation,
  FundingStandard,
  // appointments
  Organisation,
  Appointment,
  Oath,
  // suggestions
  Suggestion,
  SuggestionSubmitter,
  SuggestionHandling,
  SuggestionTransition,
  DeadlineNotice,
  Attachment,
  Motion,
  LivelihoodProject,
  // activities
  Activity,
  ActivityParticipant,
  Training,
  TrainingParticipant,
  // analysis
  Dashboard,
];

/** Who may sign in: served by the same generated API, but neither demo records nor reset with them. */
export const accessEntities = [User];

/** The analysts' saved queries: users' own, and the shipped examples (installed at migrate time, not demo data). */
export const workbenchEntities = [SavedQuery];

/** Everything the generated GraphQL API serves. */
export const servedEntities = [...domainEntities, ...accessEntities, ...workbenchEntities];

export const entities = [...servedEntities, Setting];
