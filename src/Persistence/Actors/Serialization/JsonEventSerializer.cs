using System.Collections.Concurrent;
using System.Text.Json;

namespace CodeSight.Persistence.Actors.Serialization;

/// <summary>
/// The default serializer: UTF-8 JSON (System.Text.Json) with one manifest per registered type, for example
/// <c>new JsonEventSerializer().Register&lt;Deposited&gt;("bank.deposited.v1")</c>. Only registered types are
/// serialised or restored; a manifest read from the database is looked up in the registrations, never loaded
/// as a type name. Registrations may be added at any time and are thread-safe.
/// </summary>
public sealed class JsonEventSerializer : IEventSerializer
{
    private readonly ConcurrentDictionary<Type, string> _manifests = new();
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly Lock _registering = new();
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a serializer with no registrations.</summary>
    /// <param name="options">JSON options; <see cref="JsonSerializerDefaults.Web"/> (camelCase) when null.</param>
    public JsonEventSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    /// <summary>The registered manifests.</summary>
    public IReadOnlyCollection<string> Manifests => [.. _types.Keys];

    /// <summary>
    /// Registers <typeparamref name="T"/> under <paramref name="manifest"/>. Registering the same pair again does
    /// nothing; giving a type a second manifest, or a manifest a second type, is refused.
    /// </summary>
    /// <param name="manifest">The stable name stored with each event of this type; keep it when the type is renamed.</param>
    /// <returns>This serializer, to chain registrations.</returns>
    /// <exception cref="ArgumentException">The manifest is empty, or either side is already registered differently.</exception>
    public JsonEventSerializer Register<T>(string manifest) => Register(typeof(T), manifest);

    /// <summary>Registers <paramref name="type"/> under <paramref name="manifest"/>; see <see cref="Register{T}(string)"/>.</summary>
    /// <param name="type">The event or snapshot type.</param>
    /// <param name="manifest">The stable name stored with each value of this type.</param>
    /// <returns>This serializer, to chain registrations.</returns>
    public JsonEventSerializer Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        lock (_registering)
        {
            if (_manifests.TryGetValue(type, out var existing) && existing != manifest)
            {
                throw new ArgumentException($"Type {type.FullName} is already registered with manifest '{existing}'; it cannot also be '{manifest}'.", nameof(manifest));
            }

            if (_types.TryGetValue(manifest, out var owner) && owner != type)
            {
                throw new ArgumentException($"Manifest '{manifest}' is already registered for type {owner.FullName}; it cannot also name {type.FullName}.", nameof(manifest));
            }

            // The type map is written first: a reader that finds the manifest also finds its type.
            _types[manifest] = type;
            _manifests[type] = manifest;
        }

        return this;
    }

    /// <inheritdoc />
    public SerializedEvent Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Type type = value.GetType();
        if (!_manifests.TryGetValue(type, out var manifest))
        {
            throw new EventSerializationException(
                $"Type {type.FullName} has no manifest: register it with JsonEventSerializer.Register<{type.Name}>(manifest) before persisting it.",
                manifest: null);
        }

        try
        {
            return new SerializedEvent(manifest, JsonSerializer.SerializeToUtf8Bytes(value, type, _options));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new EventSerializationException($"Type {type.FullName} (manifest '{manifest}') could not be serialised to JSON: {e.Message}", manifest, e);
        }
    }

    /// <inheritdoc />
    public object Deserialize(string manifest, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        if (!_types.TryGetValue(manifest, out var type))
        {
            throw new EventSerializationException(
                $"No type is registered for manifest '{manifest}' (registered: {Describe(_types.Keys)}).", manifest);
        }

        try
        {
            return JsonSerializer.Deserialize(payload, type, _options)
                ?? throw new EventSerializationException($"Manifest '{manifest}': the payload is JSON null.", manifest);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new EventSerializationException($"Manifest '{manifest}': the payload does not decode as {type.FullName}: {e.Message}", manifest, e);
        }
    }

    private static string Describe(IEnumerable<string> manifests)
    {
        string[] sorted = [.. manifests.Order(StringComparer.Ordinal)];
        return sorted.Length == 0 ? "none" : string.Join(", ", sorted.Select(m => $"'{m}'"));
    }
}
