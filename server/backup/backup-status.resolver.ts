/**
 * `backups`: the state of the backups for the console's administrator page (backup-status.ts), for those the
 * capability table lets read them (policy.ts `readBackups`: super administrators). Sizes are Float: a backup of
 * the national set is past Int's 2 GB.
 */
import { Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { DateTimeScalar } from '../../schema/model/scalars.js';
import type { Context } from '../graphql/context.js';
import { raw } from '../sql/sql.js';
import { readBackupStatus, type BackupPlace } from './backup-status.js';

@ObjectType('BackupSummary', { description: '一次基础备份 / One base backup', simpleResolvers: true })
class BackupSummaryType {
  @Field(() => String, { description: '备份目录名（UTC 时间）/ Its directory under BACKUP_DIR/base (UTC time)' }) name!: string;
  @Field(() => DateTimeScalar, { description: '开始时间 / When it started' }) at!: Date;
  @Field(() => DateTimeScalar, { description: '此前提交的事务均在备份中 / Every transaction committed before this is in it' }) holdsCommitsBefore!: Date;
  @Field(() => DateTimeScalar, { description: '完成时间 / When it ended' }) stoppedAt!: Date;
  @Field(() => Float, { description: '字节数 / Its size in bytes' }) sizeBytes!: number;
  @Field(() => String) serverVersion!: string;
  @Field(() => String, { nullable: true, description: '最后一个迁移 / Its last migration' }) migration!: string | null;
  @Field(() => String, {
    description:
      '类型：physical（内置数据库的文件与 WAL）或 logical（外部数据库各表的快照）/ physical (the embedded cluster’s files and WAL) or logical (an external database’s tables as of one snapshot)',
  })
  kind!: 'physical' | 'logical';
  @Field(() => String, { nullable: true, description: '起始 WAL 文件；逻辑备份为空 / Its first WAL segment; null for a logical backup' }) walFrom!: string | null;
  @Field(() => String, { nullable: true, description: '结束 WAL 文件；逻辑备份为空 / Its last WAL segment; null for a logical backup' }) walTo!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '最近一次验证（npm run backup:verify）/ Its last verification' }) verifiedAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: '验证是否通过；未验证为空 / Whether it passed; null: never verified' }) verified!: boolean | null;
  @Field(() => [String], { description: '验证发现的问题 / What the verification found wrong' }) verificationProblems!: string[];
}

@ObjectType('BackupFailure', { description: '最近一次失败的备份（此后尚无成功的）/ The last failed backup, none succeeded since', simpleResolvers: true })
class BackupFailureType {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => String) message!: string;
}

@ObjectType('WalArchiving', { description: 'WAL 归档状态（pg_stat_archiver）/ Continuous WAL archiving, as PostgreSQL reports it', simpleResolvers: true })
class WalArchivingType {
  @Field(() => Float) archivedCount!: number;
  @Field(() => String, { nullable: true }) lastArchivedWal!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) lastArchivedAt!: Date | null;
  @Field(() => Float) failedCount!: number;
  @Field(() => String, { nullable: true }) lastFailedWal!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) lastFailedAt!: Date | null;
  @Field(() => Boolean, { description: '最近一次归档失败（原因见 postgres.log）/ The last attempt failed (see postgres.log for why)' }) failing!: boolean;
}

@ObjectType('BackupStatus', { description: '备份状态 / The state of the backups', simpleResolvers: true })
class BackupStatusType {
  @Field(() => Boolean, { description: '内置数据库：由本系统备份 / The embedded database, which the product backs up' }) embedded!: boolean;
  @Field(() => Boolean, { description: '本系统在备份（内置数据库且 WAL_ARCHIVE 未关闭）/ The product backs up (embedded, WAL_ARCHIVE not off)' }) enabled!: boolean;
  @Field(() => String, { nullable: true, description: 'BACKUP_DIR' }) dir!: string | null;
  @Field(() => [BackupSummaryType], { description: '保留的备份，新的在前 / The backups kept, newest first' }) backups!: BackupSummaryType[];
  @Field(() => BackupSummaryType, { nullable: true, description: '最近的备份 / The latest backup' }) lastBackup!: BackupSummaryType | null;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: '备份总字节数 / All backups’ bytes' }) totalBytes!: number;
  @Field(() => Float, { description: 'WAL 归档字节数 / The WAL archive’s bytes' }) walArchiveBytes!: number;
  @Field(() => Float, { nullable: true, description: '备份盘剩余空间 / Free space on the backup disk' }) freeBytes!: number | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '可恢复到的最早时刻 / The earliest moment a restore reaches' }) recoverableFrom!: Date | null;
  @Field(() => BackupFailureType, { nullable: true }) lastFailure!: BackupFailureType | null;
  @Field(() => WalArchivingType, { nullable: true, description: 'WAL_ARCHIVE=off 时为空；外部数据库为其自身的归档 / Null with WAL_ARCHIVE=off; an external database’s own archiver' })
  archiving!: WalArchivingType | null;
}

export function backupStatusResolver(place: BackupPlace): Function {
  @Resolver()
  class BackupStatusResolver {
    @Query(() => BackupStatusType, { description: '备份状态（超级管理员）/ The state of the backups; super administrators only' })
    async backups(@Ctx() { access, readPool }: Context): Promise<BackupStatusType> {
      access.requireCapability('readBackups');
      const status = await readBackupStatus(place, (text) => readPool.rows(raw(text)));
      return {
        ...status,
        lastBackup: status.backups[0] ?? null,
        count: status.backups.length,
        lastFailure: status.lastFailure && { at: new Date(status.lastFailure.at), message: status.lastFailure.message },
      };
    }
  }
  return BackupStatusResolver;
}
