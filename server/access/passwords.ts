/**
 * Password hashing with argon2id. Production uses argon2's defaults (64 MiB, 3 passes); tests pass lighter
 * parameters through the config (TRAPS.md "Sign-in"). A dummy hash, made once, is verified for unknown
 * users so that an unknown name and a wrong password cost the same time.
 */
import crypto from 'node:crypto';
import argon2 from 'argon2';

export type HashCost = { memoryCost: number; timeCost: number; parallelism: number };

export const standardHashCost: HashCost = { memoryCost: 65_536, timeCost: 3, parallelism: 4 };

export class Passwords {
  private dummy: Promise<string> | undefined;

  constructor(private readonly cost: HashCost = standardHashCost) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.cost });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of one verification against a hash no password matches. */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(crypto.randomBytes(24).toString('base64url'));
    await this.verify(await this.dummy, password);
    return false;
  }
}
