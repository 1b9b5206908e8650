namespace AiPlusTasks.Tests.Shared;

/// <summary>Waits (real time) for background work — timers, dispatched children, queued starts — to show its effect.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after <paramref name="timeout"/> (default 20 s).</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) => TrueAsync(condition, () => what, timeout);

    /// <summary>As above, describing what was awaited (and what was seen last) only when it times out.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:0} s waiting for {what()}");
            }

            await Task.Delay(25);
        }
    }
}
