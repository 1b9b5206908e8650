using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Hosting;

/// <summary>
/// A piece of start-up work, timed and logged at Information, one line a step (<c>Start-up step {Step}: {Milliseconds} ms</c>).
/// By default it runs once the host has started every hosted service (<see cref="IHostedLifecycleService.StartedAsync"/>):
/// on a web host that is after the server listens, and before the host reports itself started
/// (<see cref="IHostApplicationLifetime.ApplicationStarted"/>), which is when the Host turns ready (its <c>/health</c>
/// says "starting" until then). Steps run one after another in the order they were registered; a step that throws
/// stops start-up, as before. A step everything else depends on (migrations) sets <see cref="BeforeOtherServices"/>
/// and runs in <see cref="IHostedService.StartAsync"/> instead, in registration order with the other hosted services.
/// </summary>
/// <param name="logger">Where the step's timing line goes.</param>
public abstract class StartupStep(ILogger logger) : IHostedLifecycleService
{
    /// <summary>The step's name in the log (e.g. <c>timer recovery</c>).</summary>
    protected abstract string Name { get; }

    /// <summary>Whether the step runs with the hosted services' start, before the server listens. Default: false.</summary>
    protected virtual bool BeforeOtherServices => false;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) =>
        BeforeOtherServices ? TimedAsync(Name, RunAsync, cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) =>
        BeforeOtherServices ? Task.CompletedTask : TimedAsync(Name, RunAsync, cancellationToken);

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The work of the step.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> and logs how long it took, for a step made of parts an operator may want apart.</summary>
    protected async Task TimedAsync(string step, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        // Elapsed real time for operators, not a domain time: a fake TimeProvider in tests must not make every step 0 ms.
        var started = Stopwatch.GetTimestamp();
        await work(cancellationToken);
        logger.LogInformation("Start-up step {Step}: {Milliseconds} ms", step, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
