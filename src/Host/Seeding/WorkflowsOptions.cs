namespace AiPlusTasks.Host.Seeding;

/// <summary>Where start-up seeding reads definitions (section <c>Workflows</c>).</summary>
public sealed class WorkflowsOptions
{
    public const string SectionName = "Workflows";

    /// <summary>Folder of Elsa 3 JSON files, relative to the content root. Default: the repository's <c>workflows/</c>.</summary>
    public string Path { get; set; } = "../../workflows";

    /// <summary>The folder as an absolute path, a relative <see cref="Path"/> taken from the content root.</summary>
    public string FolderIn(string contentRoot) => System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, Path));
}
