namespace CodeSight.Persistence;

/// <summary>
/// A journal or snapshot store could not do what it was asked: the database file is missing, locked, corrupted,
/// not a SQLite database, of a newer schema, on a read-only or full disk, or a write broke a rule. The message
/// names the database and what went wrong; the SQLite error, when there is one, is the inner exception.
/// </summary>
public class PersistenceException : Exception
{
    /// <summary>Creates the exception for a failure in the database at <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database file path (or shared in-memory name) involved.</param>
    /// <param name="message">The full message, which should already name the database.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public PersistenceException(string dataSource, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        DataSource = dataSource;
    }

    /// <summary>The database file path (or shared in-memory name) involved.</summary>
    public string DataSource { get; }
}
