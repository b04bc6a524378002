namespace CodeSight.Hosting.Tests.Support;

/// <summary>A private directory for one test's ledger and NDJSON files; removed at dispose when nothing holds it.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory()
    {
        Root = Directory.CreateTempSubdirectory("codesight-hosting-").FullName;
    }

    public string Root { get; }

    public string PathOf(string fileName) => Path.Combine(Root, fileName);

    public void Dispose()
    {
        // SQLite keeps pooled connections open; release them so the files can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: the assertions already ran.
        }
    }
}
