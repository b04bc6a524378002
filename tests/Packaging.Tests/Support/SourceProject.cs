using System.Xml.Linq;

namespace CodeSight.Packaging.Tests.Support;

/// <summary>What a project under <c>src/</c> declares about its package, read from its project file.</summary>
internal sealed record SourceProject(
    string Folder,
    string ProjectPath,
    string AssemblyName,
    bool IsPackable,
    bool PackAsTool,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences)
{
    /// <summary>Every project under <c>src/</c>, by folder name.</summary>
    public static IReadOnlyList<SourceProject> All(string root) =>
        Directory.GetDirectories(Path.Combine(root, "src"))
            .SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();

    /// <summary>The package id: the assembly name.</summary>
    public string PackageId => AssemblyName;

    private static SourceProject Read(string path)
    {
        var project = XDocument.Load(path).Root!;
        string? Property(string name) => project.Elements("PropertyGroup").Elements(name).LastOrDefault()?.Value.Trim();
        IReadOnlyList<string> Includes(string item) =>
            project.Elements("ItemGroup").Elements(item).Select(e => (string)e.Attribute("Include")!).ToList();

        var directory = Path.GetDirectoryName(path)!;
        return new SourceProject(
            Path.GetFileName(directory),
            path,
            Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(path),
            !string.Equals(Property("IsPackable"), "false", StringComparison.OrdinalIgnoreCase),
            string.Equals(Property("PackAsTool"), "true", StringComparison.OrdinalIgnoreCase),
            Includes("ProjectReference").Select(r => Path.GetFullPath(Path.Combine(directory, r))).ToList(),
            Includes("PackageReference"));
    }
}
