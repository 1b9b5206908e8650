// Each test runs its own Host processes flat out on a 2-core machine: one test at a time, so figures are its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
