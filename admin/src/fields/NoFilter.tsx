/** For kinds that have no filter or no input (lists, JSON): renders nothing, keeping the registry total. */
export const NoFilter = () => null;
export const NoInput = () => null;
