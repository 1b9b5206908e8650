using System.Diagnostics.Metrics;
using AiPlusTasks.Engine.Telemetry;

namespace AiPlusTasks.Bench.Engine;

/// <summary>Listens to the engine's group-commit batch sizes: how many bursts shared a transaction on average.</summary>
internal sealed class CommitBatches : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _batches;
    private long _bursts;

    public CommitBatches()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineTelemetry.Name && instrument.Name == "aiplustasks.burst.commit.batch_size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _bursts, size);
        });
        _listener.Start();
    }

    /// <summary>Bursts per transaction since the last <see cref="Reset"/>.</summary>
    public double MeanSize => _batches == 0 ? 0 : (double)Interlocked.Read(ref _bursts) / Interlocked.Read(ref _batches);

    public void Reset()
    {
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _bursts, 0);
    }

    public void Dispose() => _listener.Dispose();
}
