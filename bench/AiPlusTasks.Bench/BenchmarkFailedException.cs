namespace AiPlusTasks.Bench;

/// <summary>A run that did not do all its work: it must not report a speed.</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
