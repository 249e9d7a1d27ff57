/**
 * Generated people: Chinese names from common surnames and given-name characters (never a real person's
 * name attached to invented data on purpose), valid resident ID numbers agreeing with gender and birth
 * date, and mobile numbers in a reserved-looking range.
 */
import { idNumberCheckCharacter } from '../schema/shared/validators.js';
import type { Random } from './random.js';

/** Common surnames, roughly by frequency (the first are the most frequent). */
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenMale = '伟强磊军勇杰涛斌明超刚平辉鹏华飞鑫波宇浩凯健俊帆峰建国文博志海东林德永春晨';
const givenFemale = '芳娜敏静丽艳娟霞秀英华玲桂兰萍红梅琳燕雪婷慧佳倩洁颖晶月丹莉琴蓉爱';

export type Gender = 'MALE' | 'FEMALE';

export function personName(random: Random, gender: Gender): string {
  // Weight the first surnames more, as real name frequencies do.
  const surname = surnames[Math.floor(Math.pow(random.next(), 1.8) * surnames.length)];
  const pool = gender === 'MALE' ? givenMale : givenFemale;
  const given = random.chance(0.7) ? pool[random.int(0, pool.length - 1)] + pool[random.int(0, pool.length - 1)] : pool[random.int(0, pool.length - 1)];
  return surname + given;
}

/**
 * An 18-character ID number: the 6-digit code of the region of registration, the birth date, a
 * sequence whose last digit is odd for men and even for women, and the ISO 7064 check character.
 * `serial` makes numbers unique within a data set.
 */
export function idNumber(regionCode: string, birthDate: string, gender: Gender, serial: number): string {
  const sequence = (serial % 500) * 2 + (gender === 'MALE' ? 1 : 0);
  const first17 = `${regionCode.slice(0, 6)}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0').slice(-3)}`;
  return first17 + idNumberCheckCharacter(first17);
}

export function mobile(random: Random): string {
  const prefixes = ['133', '135', '137', '138', '139', '150', '151', '152', '158', '177', '186', '187', '189', '199'];
  return random.pick(prefixes) + String(random.int(0, 99_999_999)).padStart(8, '0');
}
