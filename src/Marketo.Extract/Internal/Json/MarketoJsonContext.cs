using System.Text.Json;
using System.Text.Json.Serialization;
using Marketo.Extract.Models;

namespace Marketo.Extract.Internal.Json;

/// <summary>
/// The source-generated serializer metadata of every shape the client reads or writes: camelCase names,
/// case-insensitive reads, numbers accepted as strings, and Marketo's timestamp forms.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(MarketoDateTimeJsonConverter), typeof(NullableMarketoDateTimeJsonConverter)])]
[JsonSerializable(typeof(MarketoEnvelope<JsonElement>))]
[JsonSerializable(typeof(MarketoEnvelope<ActivityType>))]
[JsonSerializable(typeof(MarketoEnvelope<Campaign>))]
[JsonSerializable(typeof(MarketoEnvelope<StaticList>))]
[JsonSerializable(typeof(MarketoEnvelope<MarketoProgram>))]
[JsonSerializable(typeof(MarketoEnvelope<LeadActivity>))]
[JsonSerializable(typeof(MarketoEnvelope<ExportJobDto>))]
[JsonSerializable(typeof(MarketoEnvelope<LeadDescribe2Dto>))]
[JsonSerializable(typeof(MarketoEnvelope<LeadDescribeFieldDto>))]
[JsonSerializable(typeof(IdentityTokenDto))]
[JsonSerializable(typeof(ExportCreateBody))]
internal sealed partial class MarketoJsonContext : JsonSerializerContext;
