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

package cb

// Future holds a value computed in the future
// Futures are not re-usable
type Future interface {
	// Result blocks until the future is complete
	Result() (maybeResult interface{}, err error)
}

type FutureImpl struct {
	resultCh chan interface{}
}

func NewFutureImpl() *FutureImpl {
	return &FutureImpl{
		resultCh: make(chan interface{}, 1),
	}
}

func NewSucceededFuture(result interface{}) *FutureImpl {
	fut := NewFutureImpl()
	fut.resultCh <- result
	return fut
}

func NewFailedFuture(err error) *FutureImpl {
	return NewSucceededFuture(err)
}

func (f FutureImpl) Result() (interface{}, error) {
	result := <-f.resultCh
	switch v := result.(type) {
	case error:
		return nil, v
	default:
		return v, nil
	}
}
