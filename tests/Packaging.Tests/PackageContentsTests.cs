using System.Reflection.Metadata;
using System.Xml.Linq;
using CodeSight.Packaging.Tests.Support;

namespace CodeSight.Packaging.Tests;

/// <summary>What each package packed from <c>src/</c> must carry for a user who installs it from a feed.</summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageContentsTests(PackedRepository repository)
{
    // The custom debug information kind under which a portable PDB stores a document's source text.
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static TheoryData<string> PackableProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in SourceProject.All(RepositoryRoot.Path).Where(p => p.IsPackable)) data.Add(project.Folder);
        return data;
    }

    [Fact]
    public void TheFeedHoldsOnePackageAndOneSymbolPackagePerPackableSourceProjectAndNothingElse()
    {
        repository.Pack.EnsureSucceeded();
        var expected = repository.Projects.Where(p => p.IsPackable)
            .SelectMany(p => new[] { $"{p.PackageId}.{repository.Version}.nupkg", $"{p.PackageId}.{repository.Version}.snupkg" })
            .Order(StringComparer.Ordinal);
        var packed = Directory.GetFiles(repository.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, packed);
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public void EachPackageCarriesItsIdVersionLicenseDescriptionReadmeAndXmlDocs(string folder)
    {
        var project = Project(folder);
        using var package = Open(project, "nupkg");

        Assert.Equal(project.PackageId, package.Field("id"));
        Assert.Equal(repository.Version, package.Field("version"));
        var license = package.Metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.False(string.IsNullOrWhiteSpace(package.Field("description")) || package.Field("description") == "Package Description",
            $"{project.PackageId} has no description of its own");
        Assert.Contains("telemetry", package.Field("tags")!.Split(' '));

        Assert.Equal("README.md", package.Field("readme"));
        var readme = System.Text.Encoding.UTF8.GetString(package.Read("README.md"));
        Assert.Contains("# ", readme);

        var folderInPackage = project.PackAsTool ? "tools/net10.0/any/" : "lib/net10.0/";
        Assert.Contains(folderInPackage + project.AssemblyName + ".dll", package.Entries);
        if (project.PackAsTool) return; // a tool is run, not referenced: its docs are beside it only if its libraries bring them
        var docs = XDocument.Load(new MemoryStream(package.Read(folderInPackage + project.AssemblyName + ".xml")));
        Assert.Equal(project.AssemblyName, docs.Root!.Element("assembly")!.Element("name")!.Value);
        Assert.NotEmpty(docs.Root.Element("members")!.Elements("member"));
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public void EachPackageDependsOnThisVersionOfOurPackagesAndThePinnedVersionsOfOthers(string folder)
    {
        var project = Project(folder);
        using var package = Open(project, "nupkg");

        if (project.PackAsTool)
        {
            // A tool package carries everything it runs with; NuGet rejects dependencies on one.
            Assert.Empty(package.Dependencies);
            var settings = XDocument.Load(new MemoryStream(package.Read($"tools/net10.0/any/DotnetToolSettings.xml")));
            var command = settings.Descendants("Command").Single();
            Assert.Equal(("codesight", project.AssemblyName + ".dll"), ((string?)command.Attribute("Name"), (string?)command.Attribute("EntryPoint")));
            return;
        }

        var ours = project.ProjectReferences
            .Select(path => repository.Projects.Single(p => p.ProjectPath == path))
            .Select(p => $"{p.PackageId}/{repository.Version}");
        var theirs = project.PackageReferences.Select(id => $"{id}/{repository.CentralVersions[id]}");
        Assert.Equal(ours.Concat(theirs).Order(StringComparer.OrdinalIgnoreCase), package.Dependencies);
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public void EachPackageHasASymbolPackageWhosePortablePdbEmbedsEverySource(string folder)
    {
        var project = Project(folder);
        using var symbols = Open(project, "snupkg");

        var pdbEntry = symbols.Entries.Single(e => e.EndsWith("/" + project.AssemblyName + ".pdb", StringComparison.Ordinal));
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(symbols.Read(pdbEntry)));
        var pdb = provider.GetMetadataReader();
        var documents = pdb.Documents.Select(pdb.GetDocument).Select(d => pdb.GetString(d.Name)).ToList();
        Assert.Contains(documents, d => d.EndsWith(".cs", StringComparison.Ordinal));

        var embedded = pdb.CustomDebugInformation.Select(pdb.GetCustomDebugInformation)
            .Where(info => pdb.GetGuid(info.Kind) == EmbeddedSourceKind && info.Parent.Kind == HandleKind.Document)
            .Select(info => pdb.GetString(pdb.GetDocument((DocumentHandle)info.Parent).Name))
            .ToHashSet();
        Assert.All(documents, d => Assert.Contains(d, embedded));
    }

    private SourceProject Project(string folder) => repository.Projects.Single(p => p.Folder == folder);

    private PackageFile Open(SourceProject project, string extension)
    {
        repository.Pack.EnsureSucceeded();
        return new PackageFile(Path.Combine(repository.Feed, $"{project.PackageId}.{repository.Version}.{extension}"));
    }
}
