using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Bot.Tests.Architecture;

/// <summary>Why one folder uses another: in <paramref name="File"/>, type <paramref name="User"/> names <paramref name="Used"/>.</summary>
internal sealed record FolderReference(string File, string User, string Used)
{
    public override string ToString() => $"{File}: {User} uses {Used}";
}

/// <summary>
/// Which top-level folders of an assembly use which (a folder is the namespace part after the root
/// namespace; the IDE0130 rule keeps namespaces and folders equal). Read from the compiled assembly's
/// metadata, so every way of naming a type counts: <c>using</c>, a fully qualified name, <c>var</c>: base
/// types, interfaces, constraints, attributes, fields, signatures, locals and every type, method and
/// field token in the method bodies (lambdas and async state machines are nested types of their method's
/// type). The portable PDB beside the assembly names the source file of each reference.
/// </summary>
internal sealed class FolderGraph
{
    /// <summary>The name of the root namespace's own types, the composition root.</summary>
    public const string Root = "(root)";

    private const int ExamplesPerEdge = 3;

    private static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => unchecked((ushort)o.Value), o => o.OperandType);

    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<FolderReference>>> _edges = new(StringComparer.Ordinal);

    /// <summary>Every folder that uses or is used.</summary>
    public IReadOnlyCollection<string> Folders =>
        _edges.Keys.Concat(_edges.Values.SelectMany(e => e.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The folders <paramref name="folder"/> uses (never itself).</summary>
    public IReadOnlyCollection<string> Uses(string folder) =>
        _edges.TryGetValue(folder, out var to) ? to.Keys : [];

    /// <summary>A few references that make <paramref name="from"/> use <paramref name="to"/>.</summary>
    public IReadOnlyCollection<FolderReference> Why(string from, string to) =>
        _edges.TryGetValue(from, out var edges) && edges.TryGetValue(to, out var why) ? why.Take(ExamplesPerEdge).ToList() : [];

    /// <summary>Records that <paramref name="from"/> uses <paramref name="to"/>; a folder using itself is no edge.</summary>
    public void Add(string from, string to, FolderReference? why = null)
    {
        if (from == to)
        {
            return;
        }

        if (!_edges.TryGetValue(from, out var edges))
        {
            _edges[from] = edges = new(StringComparer.Ordinal);
        }

        if (!edges.TryGetValue(to, out var reasons))
        {
            edges[to] = reasons = new(Comparer<FolderReference>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())));
        }

        if (why is not null)
        {
            reasons.Add(why);
        }
    }

    /// <summary>
    /// One cycle per group of folders that reach each other (strongly connected component), each the
    /// shortest from the group's first folder back to it, e.g. <c>[A, B]</c> for A → B → A.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() =>
        [.. StronglyConnected().Where(c => c.Count > 1).Select(c => ShortestCycle(c.Min(StringComparer.Ordinal)!, c))];

    /// <summary>"A → B → A" and, per edge, the references that make it.</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var text = new System.Text.StringBuilder(string.Join(" → ", cycle.Append(cycle[0])));
        for (var i = 0; i < cycle.Count; i++)
        {
            var (from, to) = (cycle[i], cycle[(i + 1) % cycle.Count]);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n  {from} → {to}:");
            foreach (var why in Why(from, to))
            {
                text.Append("\n    ").Append(why);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The folders of the assembly at <paramref name="assemblyPath"/> under <paramref name="rootNamespace"/>;
    /// types directly in the root namespace are <see cref="Root"/>, the composition root, whose own uses are
    /// not recorded (it may know every folder; a folder that uses it is recorded).
    /// </summary>
    public static FolderGraph Read(string assemblyPath, string rootNamespace)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        using var pdbProvider = File.Exists(pdbPath) ? MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath)) : null;
        var reader = new Reader(pe, metadata, pdbProvider?.GetMetadataReader(), rootNamespace);
        var graph = new FolderGraph();
        foreach (var type in metadata.TypeDefinitions)
        {
            reader.Collect(type, graph);
        }

        return graph;
    }

    private List<List<string>> StronglyConnected()
    {
        // Tarjan's algorithm.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in Uses(folder))
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], seen);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != folder);
                components.Add(component);
            }
        }

        foreach (var folder in Folders.Where(f => !index.ContainsKey(f)))
        {
            Visit(folder);
        }

        return components;
    }

    private List<string> ShortestCycle(string start, List<string> component)
    {
        // Breadth first from start, within the component, until an edge leads back to start.
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var folder = queue.Dequeue();
            foreach (var next in Uses(folder).Where(component.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { folder };
                    while (path[^1] != start)
                    {
                        path.Add(cameFrom[path[^1]]);
                    }

                    path.Reverse();
                    return path;
                }

                if (cameFrom.TryAdd(next, folder))
                {
                    queue.Enqueue(next);
                }
            }
        }

        throw new InvalidOperationException("a strongly connected component without a cycle");
    }

    /// <summary>Walks one assembly's metadata.</summary>
    private sealed class Reader(PEReader pe, MetadataReader metadata, MetadataReader? pdb, string rootNamespace)
    {
        private readonly TypeCollector _types = new();

        public void Collect(TypeDefinitionHandle handle, FolderGraph graph)
        {
            if (Folder(handle) is not { } from || from == Root)
            {
                return;
            }

            var type = metadata.GetTypeDefinition(handle);
            var typeFile = TypeFile(handle);
            var used = new List<(TypeDefinitionHandle Type, string? File)>();
            void Use(IEnumerable<TypeDefinitionHandle> types, string? file) => used.AddRange(types.Select(t => (t, file)));

            Use(Types(type.BaseType), typeFile);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                Use(Types(metadata.GetInterfaceImplementation(implementation).Interface), typeFile);
            }

            Use(Constraints(type.GetGenericParameters()), typeFile);
            Use(Attributes(type.GetCustomAttributes()), typeFile);
            foreach (var fieldHandle in type.GetFields())
            {
                var field = metadata.GetFieldDefinition(fieldHandle);
                Use(field.DecodeSignature(_types, null), typeFile);
                Use(Attributes(field.GetCustomAttributes()), typeFile);
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = metadata.GetPropertyDefinition(propertyHandle);
                Use(Flatten(property.DecodeSignature(_types, null)), typeFile);
                Use(Attributes(property.GetCustomAttributes()), typeFile);
            }

            foreach (var eventHandle in type.GetEvents())
            {
                Use(Types(metadata.GetEventDefinition(eventHandle).Type), typeFile);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                var file = MethodFile(methodHandle) ?? typeFile;
                Use(Flatten(method.DecodeSignature(_types, null)), file);
                Use(Constraints(method.GetGenericParameters()), file);
                Use(Attributes(method.GetCustomAttributes()), file);
                foreach (var parameter in method.GetParameters())
                {
                    Use(Attributes(metadata.GetParameter(parameter).GetCustomAttributes()), file);
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    Use(Body(pe.GetMethodBody(method.RelativeVirtualAddress)), file);
                }
            }

            var user = Name(handle);
            foreach (var (target, file) in used)
            {
                if (Folder(target) is { } to)
                {
                    graph.Add(from, to, new FolderReference(file ?? "?", user, Name(target)));
                }
            }
        }

        /// <summary>The folder a type of ours is in (nested types: their outermost type's); null for types not under the root namespace.</summary>
        private string? Folder(TypeDefinitionHandle handle)
        {
            var type = metadata.GetTypeDefinition(handle);
            while (type.GetDeclaringType() is { IsNil: false } outer)
            {
                type = metadata.GetTypeDefinition(outer);
            }

            var ns = metadata.GetString(type.Namespace);
            if (ns == rootNamespace)
            {
                return Root;
            }

            return ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal) ? ns[(rootNamespace.Length + 1)..].Split('.')[0] : null;
        }

        private string Name(TypeDefinitionHandle handle)
        {
            var type = metadata.GetTypeDefinition(handle);
            var name = metadata.GetString(type.Name);
            var outer = type.GetDeclaringType();
            if (outer.IsNil)
            {
                return $"{metadata.GetString(type.Namespace)}.{name}";
            }

            // A lambda's closure or an async method's state machine: named as the type whose code it is.
            return name.StartsWith('<') ? Name(outer) : $"{Name(outer)}+{name}";
        }

        private List<TypeDefinitionHandle> Body(MethodBodyBlock body)
        {
            var found = new List<TypeDefinitionHandle>();
            if (!body.LocalSignature.IsNil)
            {
                found.AddRange(metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_types, null).SelectMany(t => t));
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                var code = (ushort)il.ReadByte();
                if (code == 0xFE)
                {
                    code = (ushort)(0xFE00 | il.ReadByte());
                }

                switch (Operands[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        // Read the count first: "il.Offset += 4 * il.ReadInt32()" reads the offset before the count and skips 4 bytes too few.
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                        found.AddRange(Types(MetadataTokens.EntityHandle(il.ReadInt32())));
                        break;
                    default: // InlineI, InlineBrTarget, InlineString, ShortInlineR
                        il.Offset += 4;
                        break;
                }
            }

            return found;
        }

        /// <summary>The types of ours that a token names: a type, or a method's or field's declaring type and generic arguments.</summary>
        private IEnumerable<TypeDefinitionHandle> Types(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return [];
            }

            return handle.Kind switch
            {
                HandleKind.TypeDefinition => [(TypeDefinitionHandle)handle],
                HandleKind.TypeSpecification => metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_types, null),
                HandleKind.MethodDefinition => [metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()],
                HandleKind.FieldDefinition => [metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()],
                HandleKind.MemberReference => Types(metadata.GetMemberReference((MemberReferenceHandle)handle).Parent),
                HandleKind.MethodSpecification => MethodSpecification((MethodSpecificationHandle)handle),
                HandleKind.StandaloneSignature => Flatten(metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(_types, null)),
                _ => [], // type references: other assemblies
            };
        }

        private IEnumerable<TypeDefinitionHandle> MethodSpecification(MethodSpecificationHandle handle)
        {
            var spec = metadata.GetMethodSpecification(handle);
            return Types(spec.Method).Concat(spec.DecodeSignature(_types, null).SelectMany(t => t));
        }

        private IEnumerable<TypeDefinitionHandle> Attributes(CustomAttributeHandleCollection attributes) =>
            attributes.SelectMany(a => Types(metadata.GetCustomAttribute(a).Constructor));

        private IEnumerable<TypeDefinitionHandle> Constraints(GenericParameterHandleCollection parameters) =>
            parameters.SelectMany(p => metadata.GetGenericParameter(p).GetConstraints())
                .SelectMany(c => Types(metadata.GetGenericParameterConstraint(c).Type));

        private static IEnumerable<TypeDefinitionHandle> Flatten(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(t => t));

        private string? MethodFile(MethodDefinitionHandle handle)
        {
            if (pdb is null)
            {
                return null;
            }

            var info = pdb.GetMethodDebugInformation(handle.ToDebugInformationHandle());
            var document = info.Document;
            if (document.IsNil && !info.SequencePointsBlob.IsNil)
            {
                document = info.GetSequencePoints().Select(p => p.Document).FirstOrDefault(d => !d.IsNil);
            }

            return document.IsNil ? null : Relative(pdb.GetString(pdb.GetDocument(document).Name));
        }

        /// <summary>The file that declares a type: of its first method with source, or (types without method bodies) as the PDB lists it.</summary>
        private string? TypeFile(TypeDefinitionHandle handle)
        {
            if (pdb is null)
            {
                return null;
            }

            var type = metadata.GetTypeDefinition(handle);
            var files = type.GetMethods().Select(MethodFile).Where(f => f is not null).ToList();
            foreach (var information in pdb.GetCustomDebugInformation(handle))
            {
                var entry = pdb.GetCustomDebugInformation(information);
                if (pdb.GetGuid(entry.Kind) != TypeDefinitionDocuments)
                {
                    continue;
                }

                var blob = pdb.GetBlobReader(entry.Value);
                while (blob.RemainingBytes > 0)
                {
                    files.Add(Relative(pdb.GetString(pdb.GetDocument(MetadataTokens.DocumentHandle(blob.ReadCompressedInteger())).Name)));
                }
            }

            // A generated part (obj/, e.g. logging) only when the type has no other.
            return files.OrderBy(f => f!.Contains("obj/", StringComparison.Ordinal)).FirstOrDefault()
                ?? (type.GetDeclaringType() is { IsNil: false } outer ? TypeFile(outer) : null);
        }

        /// <summary>A source path relative to the assembly's project folder.</summary>
        private string Relative(string path)
        {
            var project = "/" + metadata.GetString(metadata.GetAssemblyDefinition().Name) + "/";
            path = path.Replace('\\', '/');
            var at = path.LastIndexOf(project, StringComparison.Ordinal);
            return at < 0 ? path : path[(at + project.Length)..];
        }
    }

    /// <summary>Decodes signatures into the types of this assembly they name.</summary>
    private sealed class TypeCollector : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(t => t)];

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
            [.. modifier, .. unmodifiedType];

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
