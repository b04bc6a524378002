using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CodeSight.Persistence.Sqlite;

/// <summary>
/// One statement prepared once on a connection's native handle and reused row after row: values are bound
/// straight from spans and longs, so a hot loop neither boxes parameters nor copies blobs into arrays, and
/// column blobs are read as spans over SQLite's own buffer. Microsoft.Data.Sqlite's command layer costs several
/// microseconds per execution (a data reader per call, parameter type inference), more than the insert itself.
/// Failures surface as <see cref="SqliteException"/>, as from Microsoft.Data.Sqlite, so that
/// <see cref="SqliteDatabase.Describe"/> names them. Not thread-safe; dispose before the connection closes.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    // Text columns this store writes are short (ids, kinds, modality names): encoded on the stack.
    private const int MaxStackText = 256;

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        int rc = raw.sqlite3_prepare_v3(connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    /// <summary>Binds a 64-bit integer to parameter <paramref name="index"/> (from 1).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds a blob; SQLite copies it, so the span may be reused as soon as this returns.</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Binds UTF-8 text; SQLite copies it.</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Binds <paramref name="value"/> as UTF-8 text, or NULL when it is null.</summary>
    public void BindText(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        int length = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> utf8 = length <= MaxStackText ? stackalloc byte[length] : new byte[length];
        BindUtf8(index, utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
    }

    /// <summary>Binds NULL.</summary>
    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs a statement that returns no rows, then resets it for the next use.</summary>
    public void Execute()
    {
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    /// <summary>Steps to the next row; false when there are no more (the statement is then reset).</summary>
    public bool Read()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }

        return false;
    }

    /// <summary>Resets a statement whose rows were not all read.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>Column <paramref name="index"/> (from 0) of the current row as an integer.</summary>
    public long Int64(int index) => raw.sqlite3_column_int64(_statement, index);

    /// <summary>
    /// Column <paramref name="index"/> (from 0) of the current row as a blob: a span over SQLite's buffer, valid
    /// until the next step. NULL reads as empty.
    /// </summary>
    public ReadOnlySpan<byte> Blob(int index) => raw.sqlite3_column_blob(_statement, index);

    /// <summary>Finalises the statement.</summary>
    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }
}
