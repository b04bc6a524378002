using System.Globalization;
using System.Xml.Linq;

namespace CodeSight.Packaging.Tests.Support;

/// <summary>
/// The repository's packages, packed once per test run with a version of their own into a temporary folder feed,
/// and a copy of <c>samples/</c> beside it that consumes them exactly as a user's repository would. Disposing removes
/// the folder and that version's folders from the NuGet global packages cache.
/// </summary>
public sealed class PackedRepository : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    private readonly Lazy<DotnetRun> _samplesBuild;

    public PackedRepository()
    {
        Root = RepositoryRoot.Path;
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId;
        WorkDirectory = Directory.CreateTempSubdirectory("codesight-packaging-").FullName;
        // The copy keeps the samples' relative feed path (../artifacts/packages) pointing at the temporary feed.
        Feed = Path.Combine(WorkDirectory, "artifacts", "packages");
        Samples = Path.Combine(WorkDirectory, "samples");
        Projects = SourceProject.All(Root);
        CentralVersions = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

        CopySamples(Path.Combine(Root, "samples"), Samples);
        var solution = Path.Combine(WorkDirectory, "packages.slnx");
        File.WriteAllText(solution, Solution(WorkDirectory, Projects.Where(p => p.IsPackable).Select(p => p.ProjectPath)));
        // PackageVersion (not Version) leaves the assemblies' own attributes alone, so the Debug build that
        // `dotnet test` of the solution just made is up to date and packing costs no compilation; what is checked
        // here is the packages' shape, which does not depend on the configuration.
        Pack = DotnetRun.Start(WorkDirectory, PackTimeout,
            "pack", solution, "-c", "Debug", "-o", Feed, "-p:PackageVersion=" + Version);
        _samplesBuild = new Lazy<DotnetRun>(BuildSamples);
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The version every package of this run carries.</summary>
    public string Version { get; }

    /// <summary>The temporary folder holding the feed, the samples and the build output.</summary>
    public string WorkDirectory { get; }

    /// <summary>The folder feed the packages were packed into.</summary>
    public string Feed { get; }

    /// <summary>The copy of <c>samples/</c>.</summary>
    internal string Samples { get; }

    /// <summary>The projects under <c>src/</c>.</summary>
    internal IReadOnlyList<SourceProject> Projects { get; }

    /// <summary>The versions pinned in the repository's <c>Directory.Packages.props</c>.</summary>
    internal IReadOnlyDictionary<string, string> CentralVersions { get; }

    /// <summary>The <c>dotnet pack</c> run.</summary>
    internal DotnetRun Pack { get; }

    /// <summary>Restores and builds every sample against the feed and this run's version (once; later calls reuse it).</summary>
    internal DotnetRun SamplesBuilt()
    {
        Pack.EnsureSucceeded();
        return _samplesBuild.Value.EnsureSucceeded();
    }

    /// <summary>The MSBuild property that makes the samples consume this run's packages.</summary>
    internal string VersionProperty => "-p:CodeSightVersion=" + Version;

    /// <summary>Runs a built sample's program with <paramref name="arguments"/>.</summary>
    internal DotnetRun RunSample(string sample, TimeSpan timeout, params string[] arguments)
    {
        var assembly = Path.Combine(Samples, sample, "bin", "Debug", "net10.0", sample + ".dll");
        return DotnetRun.Start(Path.Combine(Samples, sample), timeout, [assembly, .. arguments]);
    }

    public void Dispose()
    {
        TryDelete(WorkDirectory);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var project in Projects)
        {
            var id = Path.Combine(cache, project.PackageId.ToLowerInvariant());
            TryDelete(Path.Combine(id, Version.ToLowerInvariant()));
            // An id folder this run created holds nothing else now; one with other versions stays.
            if (Directory.Exists(id) && !Directory.EnumerateFileSystemEntries(id).Any()) TryDelete(id);
        }
    }

    private DotnetRun BuildSamples()
    {
        var samples = Directory.GetFiles(Samples, "*.csproj", SearchOption.AllDirectories);
        // Beside the samples, so that restore reads the samples' own NuGet.config, as it would in a user's repository.
        var solution = Path.Combine(Samples, "samples.slnx");
        File.WriteAllText(solution, Solution(Samples, samples));
        return DotnetRun.Start(Samples, BuildTimeout, "build", solution, VersionProperty);
    }

    private static string Solution(string directory, IEnumerable<string> projects) =>
        new XElement("Solution", projects.Select(p => new XElement("Project", new XAttribute("Path", Path.GetRelativePath(directory, p))))).ToString();

    private static void CopySamples(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            // Build output of a sample built by hand in the repository is not part of it.
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj")) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open must not turn a passing run into a failing one.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
