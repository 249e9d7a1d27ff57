import { Migration } from '@mikro-orm/migrations';

/** 协办意见 as a step of the suggestion workflow (submitSuggestionHandlingOpinion): the history records it as OPINION. */
export class Migration20261214100000_co_handler_opinion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "suggestion_transition" drop constraint "suggestion_transition_step_check";`);
    this.addSql(
      `alter table "suggestion_transition" add constraint "suggestion_transition_step_check" check ("step" in ('ACCEPT', 'REJECT', 'MERGE', 'ASSIGN', 'START', 'ANSWER', 'OPINION', 'FEEDBACK', 'REOPEN', 'CLOSE', 'REQUEST_REASSIGNMENT', 'ACCEPT_REASSIGNMENT', 'REFUSE_REASSIGNMENT', 'SUPERVISE', 'UNSUPERVISE'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "suggestion_transition" where "step" = 'OPINION';`);
    this.addSql(`alter table "suggestion_transition" drop constraint "suggestion_transition_step_check";`);
    this.addSql(
      `alter table "suggestion_transition" add constraint "suggestion_transition_step_check" check ("step" in ('ACCEPT', 'REJECT', 'MERGE', 'ASSIGN', 'START', 'ANSWER', 'FEEDBACK', 'REOPEN', 'CLOSE', 'REQUEST_REASSIGNMENT', 'ACCEPT_REASSIGNMENT', 'REFUSE_REASSIGNMENT', 'SUPERVISE', 'UNSUPERVISE'));`,
    );
  }
}
