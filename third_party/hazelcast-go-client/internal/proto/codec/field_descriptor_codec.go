/*
 * Copyright (c) 2008-2023, Hazelcast, Inc. All Rights Reserved.
 *
 * Licensed under the Apache License, Version 2.0 (the "License")
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package codec

import (
	"github.com/hazelcast/hazelcast-go-client/internal/proto"
	iserialization "github.com/hazelcast/hazelcast-go-client/internal/serialization"
	pubserialization "github.com/hazelcast/hazelcast-go-client/serialization"
)

const (
	FieldDescriptorCodecKindFieldOffset      = 0
	FieldDescriptorCodecKindInitialFrameSize = FieldDescriptorCodecKindFieldOffset + proto.IntSizeInBytes
)

func EncodeFieldDescriptor(clientMessage *proto.ClientMessage, fieldDescriptor iserialization.FieldDescriptor) {
	clientMessage.AddFrame(proto.BeginFrame.Copy())
	initialFrame := proto.NewFrame(make([]byte, FieldDescriptorCodecKindInitialFrameSize))
	EncodeInt(initialFrame.Content, FieldDescriptorCodecKindFieldOffset, int32(fieldDescriptor.Kind))
	clientMessage.AddFrame(initialFrame)

	EncodeString(clientMessage, fieldDescriptor.Name)

	clientMessage.AddFrame(proto.EndFrame.Copy())
}

func DecodeFieldDescriptor(frameIterator *proto.ForwardFrameIterator) iserialization.FieldDescriptor {
	// begin frame
	frameIterator.Next()
	initialFrame := frameIterator.Next()
	kind := DecodeInt(initialFrame.Content, FieldDescriptorCodecKindFieldOffset)

	fieldName := DecodeString(frameIterator)
	FastForwardToEndFrame(frameIterator)

	return iserialization.FieldDescriptor{
		Name: fieldName,
		Kind: pubserialization.FieldKind(kind),
	}
}
