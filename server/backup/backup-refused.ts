/** A backup or restore refused for a reason the operator can act on: said in Chinese and English, no stack trace. */
export class BackupRefused extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'BackupRefused';
  }
}
