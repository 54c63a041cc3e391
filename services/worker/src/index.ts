// For processes that run the batch consumer in-process (the local launcher without Redis).
export { BatchConsumer, GradeFailure, type ConsumerOptions, type GradeInput } from './consumer';
export { orchestratorGrader } from './handlers';
