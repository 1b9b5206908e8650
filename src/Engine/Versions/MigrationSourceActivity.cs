namespace AiPlusTasks.Engine.Versions;

/// <summary>An activity of a source version that needs a place in the target.</summary>
/// <param name="ActivityId">Its id in the source version (the mapping's key).</param>
/// <param name="Label">Its display name (its id when it has none).</param>
/// <param name="Type">Its activity type.</param>
/// <param name="Instances">How many running instances hold something in it.</param>
/// <param name="SamePlace">Its own id when the target has an activity with it (the place it takes unless mapped); else null.</param>
public sealed record MigrationSourceActivity(string ActivityId, string Label, string Type, int Instances, string? SamePlace);
