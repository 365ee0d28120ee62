/**
 * Writes small ONNX models: the subset of `onnx.proto` a plain graph needs (model, graph, nodes,
 * attributes, float/int64 tensors, typed inputs and outputs), declared here and serialised with
 * protobufjs. Field numbers follow onnx/onnx.proto (IR version 8).
 */
import protobuf from 'protobufjs';

const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  int32 type = 20;
}
message ValueInfoProto {
  string name = 1;
  TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    int32 elem_type = 1;
    TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
message OperatorSetIdProto {
  string domain = 1;
  int64 version = 2;
}
`;

/** TensorProto.DataType values used here. */
export const OnnxType = { FLOAT: 1, INT64: 7 } as const;
export type OnnxElemType = (typeof OnnxType)[keyof typeof OnnxType];

const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

/** A dimension: a fixed size, or a symbolic name (e.g. `batch`). */
export type Dim = number | string;

export interface ValueInfo {
  name: string;
  elemType: OnnxElemType;
  shape: readonly Dim[];
}

export interface Initializer {
  name: string;
  dims: readonly number[];
  /** float32 or int64 data; the element type follows from the array. */
  data: Float32Array | BigInt64Array;
}

export type AttributeValue = number | readonly number[];

export interface GraphNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Integers become INT/INTS attributes; a float needs `{ float: x }`. */
  attributes?: Record<string, AttributeValue | { float: number }>;
}

export interface OnnxGraphSpec {
  name: string;
  inputs: readonly ValueInfo[];
  outputs: readonly ValueInfo[];
  initializers: readonly Initializer[];
  nodes: readonly GraphNode[];
  /** Default-domain opset (default 13). */
  opset?: number;
}

let modelType: protobuf.Type | undefined;
function modelProto(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO, { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

const valueInfo = (v: ValueInfo) => ({
  name: v.name,
  type: {
    tensor_type: {
      elem_type: v.elemType,
      shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
    },
  },
});

function attribute(name: string, value: AttributeValue | { float: number }) {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float: x } for a float`);
    return { name, type: AttributeType.INT, i: value };
  }
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.INTS, ints: [...value] };
}

function tensor(t: Initializer) {
  const size = t.dims.reduce((a, b) => a * b, 1);
  if (size !== t.data.length)
    throw new Error(`initializer ${t.name}: dims ${t.dims.join('×')} do not match ${t.data.length} values`);
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return {
    name: t.name,
    dims: [...t.dims],
    data_type: t.data instanceof Float32Array ? OnnxType.FLOAT : OnnxType.INT64,
    raw_data: bytes,
  };
}

/** Serialises a graph as an ONNX model (IR version 8). */
export function encodeOnnxModel(spec: OnnxGraphSpec): Uint8Array {
  const type = modelProto();
  const message = {
    ir_version: 8,
    producer_name: 'distill-guard',
    opset_import: [{ domain: '', version: spec.opset ?? 13 }],
    graph: {
      name: spec.name,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: spec.initializers.map(tensor),
      node: spec.nodes.map((n, i) => ({
        name: `${n.op.toLowerCase()}_${i}`,
        op_type: n.op,
        input: [...n.inputs],
        output: [...n.outputs],
        attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
      })),
    },
  };
  const invalid = type.verify(message);
  if (invalid) throw new Error(`invalid ONNX model: ${invalid}`);
  return type.encode(type.fromObject(message)).finish();
}

/** An int64 constant initializer (axes and shapes are inputs since opset 13). */
export const int64Initializer = (name: string, values: readonly number[]): Initializer => ({
  name,
  dims: [values.length],
  data: BigInt64Array.from(values.map((v) => BigInt(v))),
});
