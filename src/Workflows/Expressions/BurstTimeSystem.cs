using System.Globalization;
using Jint.Runtime;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// JavaScript's clock inside a burst: <c>new Date()</c> and <c>Date.now()</c> return the burst's time (from the engine's
/// <c>TimeProvider</c>, so fake time in tests and one consistent "now" per burst), and local dates use the engine's
/// time zone (China Standard Time by default).
/// </summary>
internal sealed class BurstTimeSystem(DateTimeOffset now, TimeZoneInfo timeZone) : DefaultTimeSystem(timeZone, CultureInfo.InvariantCulture)
{
    public override DateTimeOffset GetUtcNow() => now;
}
