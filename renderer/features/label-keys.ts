// the rule lives in shared/ so the document view and the app read the same keys
export { keyOfLabel, labelForKey } from '../../shared/model/label-keys';
