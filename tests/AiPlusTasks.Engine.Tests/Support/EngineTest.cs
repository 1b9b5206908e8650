namespace AiPlusTasks.Engine.Tests.Support;

/// <summary>A test class with its own engine host and database, started before and removed after its tests.</summary>
public abstract class EngineTest : IAsyncLifetime
{
    private EngineHost? _engine;

    internal EngineHost Engine => _engine ?? throw new InvalidOperationException("the engine starts in InitializeAsync");

    public virtual async Task InitializeAsync() => _engine = await StartEngineAsync();

    public virtual async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            EngineHost.DeleteDatabase(_engine.DatabaseFile);
        }
    }

    /// <summary>Starts the host; override to pass settings or services.</summary>
    internal virtual Task<EngineHost> StartEngineAsync() => EngineHost.StartAsync();
}
