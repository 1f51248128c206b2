/*
 * Copyright (c) 2008-2021, Hazelcast, Inc. All Rights Reserved.
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

package cluster

type MembershipState int

func (m MembershipState) String() string {
	switch m {
	case 0:
		return "added"
	case 1:
		return "removed"
	default:
		return "UNKNOWN"
	}
}

const (
	MembershipStateAdded MembershipState = iota
	MembershipStateRemoved
)

type MembershipStateChangeHandler func(event MembershipStateChanged)

type MembershipStateChanged struct {
	Member MemberInfo
	State  MembershipState
}

func (e *MembershipStateChanged) EventName() string {
	return "cluster.membershipstatechanged"
}
