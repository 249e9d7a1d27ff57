/** Until screens are generated from the schema the console has no resources: any call is a clear error. */
import type { DataProvider } from 'react-admin';

const refuse = () => Promise.reject(new Error('这个控制台还没有数据资源 / The console has no data resources yet'));

export const emptyDataProvider: DataProvider = {
  getList: refuse,
  getOne: refuse,
  getMany: refuse,
  getManyReference: refuse,
  create: refuse,
  update: refuse,
  updateMany: refuse,
  delete: refuse,
  deleteMany: refuse,
};
