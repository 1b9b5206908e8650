using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>Wakes the bulk job runner when a job was made.</summary>
public sealed class BulkJobSignal : WakeSignal;
