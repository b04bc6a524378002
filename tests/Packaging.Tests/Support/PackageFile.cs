using System.IO.Compression;
using System.Xml.Linq;

namespace CodeSight.Packaging.Tests.Support;

/// <summary>A .nupkg or .snupkg opened for reading: its entries and its nuspec.</summary>
internal sealed class PackageFile : IDisposable
{
    private readonly ZipArchive _zip;

    public PackageFile(string path)
    {
        Assert.True(File.Exists(path), $"no package {path}; the feed holds: {string.Join(", ", Directory.GetFiles(System.IO.Path.GetDirectoryName(path)!).Select(System.IO.Path.GetFileName))}");
        Path = path;
        _zip = ZipFile.OpenRead(path);
        var nuspec = _zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspec.Open();
        Metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public string Path { get; }

    /// <summary>The nuspec's <c>metadata</c> element.</summary>
    public XElement Metadata { get; }

    /// <summary>Every entry's path inside the package.</summary>
    public IReadOnlyList<string> Entries => _zip.Entries.Select(e => e.FullName).ToList();

    /// <summary>The text of a metadata element (by local name), or null.</summary>
    public string? Field(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>The dependencies of the package as <c>id/version</c>, over all framework groups.</summary>
    public IReadOnlyList<string> Dependencies =>
        Metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => $"{(string)e.Attribute("id")!}/{(string)e.Attribute("version")!}")
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>An entry's bytes.</summary>
    public byte[] Read(string entry)
    {
        using var stream = _zip.GetEntry(entry)?.Open() ?? throw new Xunit.Sdk.XunitException($"{Path} has no entry {entry}; it has: {string.Join(", ", Entries)}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => _zip.Dispose();
}
