import { helper } from '../test/helper.fixture';
export const usesFixture = helper;
