using System.Globalization;
using Jint.Runtime;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// JavaScript's clock inside a burst: <c>new Date()</c> and <c>Date.now()</c> return the burst's time (from the engine's
/// <c>TimeProvider</c>, so fake time in tests and one consistent "now" per burst), and local dates use the engine's
/// time zone (China Standard Time by default). The time is set before each evaluation, since an engine serves many
/// bursts (<see cref="SandboxedEngine"/>).
/// </summary>
internal sealed class BurstTimeSystem(TimeZoneInfo timeZone) : DefaultTimeSystem(timeZone, CultureInfo.InvariantCulture)
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
