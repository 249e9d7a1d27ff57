import { Migration } from '@mikro-orm/migrations';

/**
 * 重点督办 as a step of the suggestion workflow (superviseSuggestion): the leader who answers for a
 * key-supervised suggestion, and the two steps the history records (put under key supervision, ended).
 */
export class Migration20261211090000_key_supervision extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "suggestion" add column "supervising_leader" varchar(60) null;`);
    this.addSql(`alter table "suggestion_transition" drop constraint "suggestion_transition_step_check";`);
    this.addSql(
      `alter table "suggestion_transition" add constraint "suggestion_transition_step_check" check ("step" in ('ACCEPT', 'REJECT', 'MERGE', 'ASSIGN', 'START', 'ANSWER', 'FEEDBACK', 'REOPEN', 'CLOSE', 'REQUEST_REASSIGNMENT', 'ACCEPT_REASSIGNMENT', 'REFUSE_REASSIGNMENT', 'SUPERVISE', 'UNSUPERVISE'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "suggestion_transition" drop constraint "suggestion_transition_step_check";`);
    this.addSql(
      `alter table "suggestion_transition" add constraint "suggestion_transition_step_check" check ("step" in ('ACCEPT', 'REJECT', 'MERGE', 'ASSIGN', 'START', 'ANSWER', 'FEEDBACK', 'REOPEN', 'CLOSE', 'REQUEST_REASSIGNMENT', 'ACCEPT_REASSIGNMENT', 'REFUSE_REASSIGNMENT'));`,
    );
    this.addSql(`alter table "suggestion" drop column "supervising_leader";`);
  }
}
