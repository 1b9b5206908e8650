namespace AiPlusTasks.Bench;

/// <summary>Runs an action for indexes 0..count-1 on a fixed number of concurrent callers, each taking the next index.</summary>
internal static class Callers
{
    public static async Task RunAsync(int count, int callers, Func<int, Task> action)
    {
        var next = -1;
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                await action(index);
            }
        }));
        await Task.WhenAll(tasks);
    }
}
